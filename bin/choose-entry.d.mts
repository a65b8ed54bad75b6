// Types of choose-entry.mjs, for the tests that import it.
export declare const BUILD_MARK: string;
export declare function compiledBuildIsCurrent(root: string): boolean;
