// Which channel goes on which y axis, in which colour, pure: channels that share a unit share an
// axis (a channel without a unit has its own); the target's axis is on the left, the others on the
// right, and only the first few of those show their ticks. Callers: chart/channel-layers.ts.

/** Colours for the channels that are not the target (the target uses the theme's actual colour). */
export const PALETTE = ['#0891b2', '#16a34a', '#ca8a04', '#db2777', '#7c3aed', '#0d9488', '#65a30d', '#c2410c', '#4f46e5', '#be123c'];

/** The default colour of the channel at `index` in the channel list. */
export function channelColor(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length];
}

export interface AxisSpec {
  /** chart.js scale id: `y` for the target's axis, then `y1`, `y2`, ... */
  id: string;
  /** The unit, else the channel names on it. */
  title: string;
  position: 'left' | 'right';
  /** Ticks and title drawn (the rest still scale their channels). */
  display: boolean;
}

export interface AxisPlan {
  axes: AxisSpec[];
  /** Scale id of each channel drawn. */
  axisOf: Map<string, string>;
}

/** Right-hand axes that show their ticks; more would squeeze the plot. */
const MAX_SHOWN_RIGHT = 2;

/**
 * Axes for `target` and the other channels drawn (`shown`, in list order), by unit. The target's
 * axis is titled "name (unit)"; another axis by its unit, or by its channel's name.
 */
export function planAxes(target: string | null, shown: readonly string[], units: Readonly<Record<string, string>>): AxisPlan {
  const key = (name: string) => (units[name] ? `u:${units[name]}` : `c:${name}`);
  const axes: AxisSpec[] = [];
  const axisOf = new Map<string, string>();
  const byKey = new Map<string, AxisSpec>();
  if (target !== null) {
    const spec: AxisSpec = { id: 'y', title: units[target] ? `${target} (${units[target]})` : target, position: 'left', display: true };
    axes.push(spec);
    byKey.set(key(target), spec);
    axisOf.set(target, 'y');
  }
  for (const name of shown) {
    if (name === target) continue;
    let spec = byKey.get(key(name));
    if (!spec) {
      const right = axes.filter((a) => a.position === 'right').length;
      spec = { id: `y${right + 1}`, title: units[name] || name, position: 'right', display: right < MAX_SHOWN_RIGHT };
      axes.push(spec);
      byKey.set(key(name), spec);
    }
    axisOf.set(name, spec.id);
  }
  return { axes, axisOf };
}
