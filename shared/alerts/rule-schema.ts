// Alert rules as the app stores and sends them: the zod schema of shared/alerts/rules.ts's
// AlertRule, bounded (a settings file or a page cannot make the evaluator loop over huge lists or
// spans). Pure; read by shared/api/schemas.ts (the settings' `alertRules`) and the page's rule editor.
import { z } from 'zod';

import type { AlertRule } from './rules';

/** Most rules kept with the settings. */
export const MAX_ALERT_RULES = 32;
/** Longest span a rule may name (within, silent, cooldown): 30 days, ms. */
const MAX_SPAN_MS = 30 * 86_400_000;

const channel = z.string().min(1).max(200);
const span = z.number().int().min(1).max(MAX_SPAN_MS);
const cooldownMs = z.number().int().min(0).max(MAX_SPAN_MS).optional();

export const alertRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('threshold'),
    channel,
    op: z.enum(['>', '<']),
    value: z.number().finite(),
    withinMs: span.optional(),
    hysteresis: z.number().finite().min(0).optional(),
    cooldownMs,
  }),
  z.strictObject({ kind: z.literal('anomaly'), channel, samples: z.number().int().min(1).max(1000), cooldownMs }),
  z.strictObject({ kind: z.literal('silence'), channel, afterMs: span, cooldownMs }),
]);

export const alertRulesSchema = z.array(alertRuleSchema).max(MAX_ALERT_RULES);

// The schema's type and the evaluator's must stay one: this fails to compile when they drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const schemaMatchesRules: Same<z.infer<typeof alertRuleSchema>, AlertRule> = true;
