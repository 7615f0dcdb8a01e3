import { setFlagsFromString } from 'node:v8';

/**
 * Ink draws every frame from scratch (a cell object per character), and V8
 * answers the churn by growing its heap far past what is live: on a 50-agent
 * fleet the console would creep past 200 MB while holding under 30 MB. Once
 * the process is past this mark, V8 is told to favour size over speed, which
 * takes effect at once and shrinks the heap back (a keypress then costs about
 * half as much again, still well inside a frame).
 */
export const MEMORY_GUARD_BYTES = 128 * 1024 * 1024;

export function memoryGuard(limit = MEMORY_GUARD_BYTES): () => boolean {
  let engaged = false;
  return () => {
    if (!engaged && process.memoryUsage.rss() > limit) {
      setFlagsFromString('--optimize-for-size');
      engaged = true;
    }
    return engaged;
  };
}
