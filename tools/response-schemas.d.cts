export declare const OUTPUT_FILE: string;
export declare function generatedSource(): string;
