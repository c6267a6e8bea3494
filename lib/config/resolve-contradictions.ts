// Lists the contradiction choices a run uses, for the report.
import { CONTRADICTIONS } from './contradictions.js';
import type { ContradictionId } from './contradictions.js';
import type { ResolvedPhasegateConfig } from './schema.js';

/** One contradiction as the report prints it. */
export interface ResolvedContradiction {
  readonly id: ContradictionId;
  readonly question: string;
  /** The choice in effect. */
  readonly choice: string;
  /** What the choice means. */
  readonly meaning: string;
  /** The other choices and what they mean. */
  readonly alternatives: readonly { readonly choice: string; readonly meaning: string }[];
  readonly sources: readonly string[];
  /** Why the default is the default. */
  readonly why: string;
  /** False when the config switched away from the default. */
  readonly isDefault: boolean;
  readonly top10: boolean;
}

/** Returns every contradiction with the choice `config` makes, in catalog order. */
export function resolveContradictions(config: Pick<ResolvedPhasegateConfig, 'contradictions'>): ResolvedContradiction[] {
  return (Object.keys(CONTRADICTIONS) as ContradictionId[]).map((id) => {
    const definition = CONTRADICTIONS[id];
    const choices = definition.choices as Readonly<Record<string, string>>;
    const choice: string = config.contradictions[id];
    return {
      id,
      question: definition.question,
      choice,
      meaning: choices[choice] ?? '',
      alternatives: Object.entries(choices).filter(([name]) => name !== choice).map(([name, meaning]) => ({ choice: name, meaning })),
      sources: definition.sources,
      why: definition.why,
      isDefault: choice === definition.defaultChoice,
      top10: definition.top10,
    };
  });
}
