package io.shinrai.demo;

/**
 * SplitMix64 with the math done through {@link StrictMath}: the same seed gives the same
 * numbers on every JVM and platform, which the demo data's "same seed, same bytes"
 * promise rests on ({@code java.util.Random} is stable too, but its floating point
 * helpers use {@code Math}, whose results may differ in the last bit).
 */
final class Rng {

	private long state;

	private Rng(long seed) {
		this.state = seed;
	}

	/** An independent stream for one item of a seeded run, e.g. one customer. */
	static Rng of(long seed, long index) {
		return new Rng(mix(mix(seed) + index * 0x9E3779B97F4A7C15L));
	}

	long nextLong() {
		state += 0x9E3779B97F4A7C15L;
		return mix(state);
	}

	/** Uniform in [0, 1). */
	double nextDouble() {
		return (nextLong() >>> 11) * 0x1.0p-53;
	}

	/** Uniform in [0, bound). */
	int nextInt(int bound) {
		return (int) Math.floorMod(nextLong(), (long) bound);
	}

	boolean chance(double probability) {
		return nextDouble() < probability;
	}

	/** Standard normal (Box–Muller). */
	double gaussian() {
		double u = 1.0 - nextDouble();
		double v = nextDouble();
		return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * StrictMath.PI * v);
	}

	<T> T pick(T[] values) {
		return values[nextInt(values.length)];
	}

	/** An index chosen with the given (not necessarily normalised) weights. */
	int weighted(double[] weights) {
		double total = 0;
		for (double w : weights) {
			total += w;
		}
		double x = nextDouble() * total;
		for (int i = 0; i < weights.length; i++) {
			x -= weights[i];
			if (x < 0) {
				return i;
			}
		}
		return weights.length - 1;
	}

	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

}
