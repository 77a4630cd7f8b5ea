package io.shinrai.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.shinrai.scoring.ScoringPolicy;
import io.shinrai.scoring.TrendPoint;

/**
 * Geometry of a server-rendered SVG line chart of trust (0–100) over time: the line
 * (broken where there is no data), a marker per point with data, the band thresholds as
 * dashed lines, and axis labels. Everything is computed here so the template only places
 * elements; no script and no style attribute is needed.
 */
public record CustomerTrendChart(int width, int height, List<String> lines, List<Marker> markers, List<Tick> yTicks,
		List<Tick> xTicks, Threshold low, Threshold high, int left, int right, int top, int bottom) {

	private static final int WIDTH = 720;

	private static final int HEIGHT = 260;

	private static final int LEFT = 44;

	private static final int RIGHT = 12;

	private static final int TOP = 12;

	private static final int BOTTOM = 32;

	/** A point with data; {@code index} refers to the trend's points. */
	public record Marker(int index, String x, String y, TrendPoint point) {
	}

	/**
	 * An axis label at {@code position} (x or y, depending on the axis); {@code anchor}
	 * keeps the first and last labels of the time axis inside the chart.
	 */
	public record Tick(String position, String label, TrendPoint point, String anchor) {
	}

	public record Threshold(String y, double value) {
	}

	public static CustomerTrendChart of(List<TrendPoint> points, ScoringPolicy policy) {
		List<String> lines = new ArrayList<>();
		List<Marker> markers = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < points.size(); i++) {
			TrendPoint point = points.get(i);
			if (point.trust() == null) {
				flush(lines, line);
				continue;
			}
			String x = coordinate(x(i, points.size()));
			String y = coordinate(y(point.trust()));
			line.append(line.length() == 0 ? "" : " ").append(x).append(',').append(y);
			markers.add(new Marker(i, x, y, point));
		}
		flush(lines, line);
		List<Tick> yTicks = new ArrayList<>();
		for (int value = 0; value <= 100; value += 25) {
			yTicks.add(new Tick(coordinate(y(value)), Integer.toString(value), null, "end"));
		}
		List<Tick> xTicks = new ArrayList<>();
		for (int i = 0; i < points.size(); i += 13) {
			String anchor = (i == 0) ? "start" : (i + 13 >= points.size()) ? "end" : "middle";
			xTicks.add(new Tick(coordinate(x(i, points.size())), null, points.get(i), anchor));
		}
		return new CustomerTrendChart(WIDTH, HEIGHT, lines, markers, yTicks, xTicks,
				new Threshold(coordinate(y(policy.lowThreshold())), policy.lowThreshold()),
				new Threshold(coordinate(y(policy.highThreshold())), policy.highThreshold()), LEFT, WIDTH - RIGHT, TOP,
				HEIGHT - BOTTOM);
	}

	public boolean hasData() {
		return !markers.isEmpty();
	}

	public String viewBox() {
		return "0 0 " + width + " " + height;
	}

	private static void flush(List<String> lines, StringBuilder line) {
		// a single point is drawn by its marker alone
		if (line.indexOf(" ") > 0) {
			lines.add(line.toString());
		}
		line.setLength(0);
	}

	private static double x(int index, int count) {
		double span = WIDTH - LEFT - RIGHT;
		return LEFT + ((count <= 1) ? span : span * index / (count - 1));
	}

	private static double y(double trust) {
		double span = HEIGHT - TOP - BOTTOM;
		return HEIGHT - BOTTOM - span * Math.max(0, Math.min(100, trust)) / 100;
	}

	private static String coordinate(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

}
