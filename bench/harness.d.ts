/**
 * One benchmark row: the app path and its baseline measured side by side in the same run, and
 * the goal as a ratio. Absolute numbers are printed for context; only ratios are judged.
 */
export type BenchRow = {
    readonly name: string;
    readonly unit: string;
    readonly value: number;
    readonly baseline: number;
    /** How the ratio is formed and judged. */
    readonly goal: {
        readonly kind: 'ratioAtLeast' | 'ratioAtMost';
        readonly target: number;
        readonly text: string;
    };
    readonly notes?: string;
};
export type RowResult = BenchRow & {
    readonly ratio: number;
    readonly met: boolean;
};
export declare function judge(row: BenchRow): RowResult;
export declare function printTable(results: readonly RowResult[]): void;
export declare function writeResults(results: readonly RowResult[]): string;
