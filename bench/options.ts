// The benchmarks' command-line options: `--name=value`, with a fallback when it is not given.
const args = process.argv.slice(2);

/** The value of `--name=value`, or `fallback`. */
export function option(name: string, fallback: string): string {
  return args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
}

/** Whether the bare switch `--name` is given. */
export function hasSwitch(name: string): boolean {
  return args.includes(`--${name}`);
}
