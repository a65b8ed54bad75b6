// The benchmarks' command-line options: `--name=value` and bare switches such as `--save`.
const args = process.argv.slice(2);

/** The value of `--name=value`, or undefined when it is not given. */
export function optionGiven(name: string): string | undefined {
  return args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}

/** The value of `--name=value`, or `fallback`. */
export function option(name: string, fallback: string): string {
  return optionGiven(name) ?? fallback;
}

/** The number given as `--name=value`, or `fallback`. */
export function numberOption(name: string, fallback: number): number {
  return Number(optionGiven(name) ?? fallback);
}

/** Whether the bare switch `--name` is given. */
export function hasSwitch(name: string): boolean {
  return args.includes(`--${name}`);
}
