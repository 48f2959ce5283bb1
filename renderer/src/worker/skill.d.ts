export interface SkillSnapshot {
    /** Rolling MAE of the model's forecasts (all steps 1..H that have come true). */
    modelMae: number;
    /** Rolling MAE of the naive forecast (the origin's value for every step). */
    naiveMae: number;
    /** modelMae / naiveMae: below 1 the model beats naive. NaN before any pair. */
    ratio: number;
    /** Error pairs in the window. */
    pairs: number;
}
export declare class SkillTracker {
    private readonly window;
    private readonly origins;
    private readonly modelErr;
    private readonly naiveErr;
    private head;
    private count;
    private index;
    /** @param window Error pairs kept (rolling). Default 2000. */
    constructor(window?: number);
    /** One new actual value of the target (NaN = missing: skipped, the index still advances). */
    observe(value: number): void;
    /** A forecast made at the value just observed. */
    addForecast(originValue: number, mean: number[]): void;
    /** Forgets the scores but keeps the pending forecasts: only values that arrive from now on are scored. */
    clearScores(): void;
    reset(): void;
    snapshot(): SkillSnapshot;
}
