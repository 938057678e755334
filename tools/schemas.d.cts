export declare function generatedSources(): Record<string, string>;
