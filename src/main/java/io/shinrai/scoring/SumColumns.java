package io.shinrai.scoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

import io.shinrai.feedback.Signal;

/**
 * The ten sum columns (wp_ and w_ per signal) of the sums tables and the contribution
 * view, and reading them back.
 */
final class SumColumns {

	/** {@code wp_transparency, w_transparency, ...} */
	static final String PLAIN = join("%1$s");

	/** {@code sum(wp_transparency) as wp_transparency, ...} */
	static final String SUMMED = join("sum(%1$s) as %1$s");

	private SumColumns() {
	}

	/** {@code pattern} applied to every column name ({@code %1$s}), comma-separated. */
	static String join(String pattern) {
		StringJoiner columns = new StringJoiner(", ");
		for (Signal signal : Signal.values()) {
			columns.add(String.format(pattern, "wp_" + signal.key()));
			columns.add(String.format(pattern, "w_" + signal.key()));
		}
		return columns.toString();
	}

	/** Raw (undecayed) sums as stored, to be added up before decaying. */
	static double[] raw(ResultSet rs) throws SQLException {
		double[] values = new double[2 * Signal.values().length];
		for (Signal signal : Signal.values()) {
			values[2 * signal.ordinal()] = rs.getDouble("wp_" + signal.key());
			values[2 * signal.ordinal() + 1] = rs.getDouble("w_" + signal.key());
		}
		return values;
	}

	static Map<Signal, SignalSums> decay(double[] raw, double decay) {
		Map<Signal, SignalSums> sums = new EnumMap<>(Signal.class);
		for (Signal signal : Signal.values()) {
			sums.put(signal, new SignalSums(raw[2 * signal.ordinal()] * decay, raw[2 * signal.ordinal() + 1] * decay));
		}
		return sums;
	}

}
