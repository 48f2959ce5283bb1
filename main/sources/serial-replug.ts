// Finding a serial device again after it was unplugged: who it is (serial number, else VID:PID,
// as the port listing says) and where it came back. Pure over a port list; called by
// serial-source.ts when the opened path is gone.
import type { PortInfo } from '../../shared/api/contract';

/** The listed port at `path` (or at the node it links to), when the listing can tell it apart from others. */
export function identityOf(ports: PortInfo[], path: string, node: string): PortInfo | null {
  const info = ports.find((p) => p.path === path || p.path === node);
  return info && (info.serialNumber || (info.vendorId && info.productId)) ? info : null;
}

/** Finds the port of a device by serial number, else by VID:PID when only one port matches. */
export function findReplugged(identity: PortInfo, ports: PortInfo[]): string | undefined {
  if (identity.serialNumber) return ports.find((p) => p.serialNumber === identity.serialNumber)?.path;
  if (identity.vendorId && identity.productId) {
    const same = ports.filter((p) => p.vendorId === identity.vendorId && p.productId === identity.productId);
    if (same.length === 1) return same[0].path;
  }
  return undefined;
}
