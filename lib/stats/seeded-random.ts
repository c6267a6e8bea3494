// Deterministic pseudo-random numbers, so every statistical result is reproducible from its seed.

/** A source of uniform numbers in [0, 1). */
export type RandomSource = () => number;

/** Mulberry32: a small, fast 32-bit PRNG; good enough for resampling, not for cryptography. */
export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal variate (Box–Muller). */
export function randomNormal(random: RandomSource): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1) variate (Marsaglia–Tsang 2000; shape < 1 via the boost `G(a+1)·U^(1/a)`). */
export function randomGamma(shape: number, random: RandomSource): number {
  if (shape < 1) {
    let u = 0;
    while (u === 0) u = random();
    return randomGamma(shape + 1, random) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = randomNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(a, b) variate from two gamma variates. */
export function randomBeta(a: number, b: number, random: RandomSource): number {
  const x = randomGamma(a, random);
  const y = randomGamma(b, random);
  return x / (x + y);
}
