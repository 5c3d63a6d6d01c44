// Types for the test that tries the layer rules (test/architecture/layer-rules.test.ts).
import type { Linter, Rule } from 'eslint';

export function layerOf(file: string): string;
export const rules: Record<string, Rule.RuleModule>;
export const layerConfigs: Linter.Config[];
