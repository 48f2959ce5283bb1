// Moved to shared/eval/live-skill.ts (beside the baselines); this re-export keeps in-flight
// imports building and goes once nothing imports it.
export { SkillTracker, type SkillSnapshot } from '../eval/live-skill';
