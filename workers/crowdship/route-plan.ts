// The drop-off order for a traveller with several deliveries: nearest neighbour from where they start, then 2-opt on the open path.
import { CROWDSHIP_ROUTE_PLAN_MAX_PASSES } from "../platform/limits";
import { greatCircleKm, type LatLng } from "./geo";

export interface Stop {
  id: string;
  lat: number;
  lng: number;
}

export interface DropOffPlan {
  /** Stop ids in visiting order. */
  order: string[];
  /** Great-circle length of the path from the start through every stop in that order (it does not return). */
  distanceKm: number;
}

/** A 2-opt move must shorten the path by more than this, so float noise cannot make two reversals undo each other forever. */
const IMPROVEMENT_EPSILON_KM = 1e-9;

/** Indexes into the distance matrix: 0 is the start, i + 1 is stops[i]. */
function nearestNeighbour(distances: number[][], count: number): number[] {
  const visited = new Array<boolean>(count + 1).fill(false);
  const path: number[] = [];
  let current = 0;
  visited[0] = true;
  for (let step = 0; step < count; step++) {
    let best = -1;
    for (let candidate = 1; candidate <= count; candidate++) {
      // Strictly nearer wins, so ties go to the earlier stop and the order is deterministic.
      if (!visited[candidate] && (best === -1 || distances[current]![candidate]! < distances[current]![best]!)) best = candidate;
    }
    visited[best] = true;
    path.push(best);
    current = best;
  }
  return path;
}

/**
 * Reverses path[i..j] whenever that shortens the open path (start fixed at 0, the end free), first improvement in a fixed
 * scan order, until a pass finds none or CROWDSHIP_ROUTE_PLAN_MAX_PASSES passes have run.
 */
function twoOpt(distances: number[][], path: number[]): number[] {
  const result = [...path];
  for (let pass = 0; pass < CROWDSHIP_ROUTE_PLAN_MAX_PASSES; pass++) {
    let improved = false;
    for (let i = 0; i < result.length - 1; i++) {
      for (let j = i + 1; j < result.length; j++) {
        const before = i === 0 ? 0 : result[i - 1]!;
        const after = j + 1 < result.length ? result[j + 1]! : null;
        const removed = distances[before]![result[i]!]! + (after === null ? 0 : distances[result[j]!]![after]!);
        const added = distances[before]![result[j]!]! + (after === null ? 0 : distances[result[i]!]![after]!);
        if (added < removed - IMPROVEMENT_EPSILON_KM) {
          result.splice(i, j - i + 1, ...result.slice(i, j + 1).reverse());
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return result;
}

export function pathLengthKm(start: LatLng, stops: readonly LatLng[]): number {
  let total = 0;
  let previous = start;
  for (const stop of stops) {
    total += greatCircleKm(previous, stop);
    previous = stop;
  }
  return total;
}

export function nearestNeighbourOrder(start: LatLng, stops: readonly Stop[]): number[] {
  return nearestNeighbour(distanceMatrix(start, stops), stops.length).map((index) => index - 1);
}

function distanceMatrix(start: LatLng, stops: readonly Stop[]): number[][] {
  const points: LatLng[] = [start, ...stops];
  return points.map((from) => points.map((to) => greatCircleKm(from, to)));
}

export function planDropOffs(start: LatLng, stops: readonly Stop[]): DropOffPlan {
  const distances = distanceMatrix(start, stops);
  const path = twoOpt(distances, nearestNeighbour(distances, stops.length));
  const ordered = path.map((index) => stops[index - 1]!);
  return { order: ordered.map((stop) => stop.id), distanceKm: pathLengthKm(start, ordered) };
}
