package io.shinrai.dashboard;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.shinrai.dashboard.DashboardView.TrendPoint;

/**
 * The geometry of the weekly trend chart, drawn by the template as inline SVG (no script,
 * no style attribute: the CSP forbids both). Trust uses the left axis 0–100, NPS the
 * right axis −100–100, so their grid lines coincide. Series differ by line pattern and
 * marker shape, not only by colour.
 */
record TrendChart(List<Series> series, List<GridLine> grid, List<XLabel> xLabels, double plotLeft, double plotRight,
		double plotTop, double plotBottom, boolean trustLabelAbove) {

	static final double WIDTH = 760;

	static final double HEIGHT = 280;

	private static final double LEFT = 48;

	private static final double RIGHT = 52;

	private static final double TOP = 28;

	private static final double BOTTOM = 40;

	static TrendChart of(List<TrendPoint> points, Locale locale) {
		double plotRight = WIDTH - RIGHT;
		double plotBottom = HEIGHT - BOTTOM;
		double plotWidth = plotRight - LEFT;
		double plotHeight = plotBottom - TOP;
		int n = points.size();
		Function<Integer, Double> x = i -> LEFT + (n <= 1 ? plotWidth / 2 : i * plotWidth / (n - 1));
		Series trust = series("trust", points, TrendPoint::trust, x, v -> TOP + (100 - v) / 100 * plotHeight);
		Series nps = series("nps", points, TrendPoint::nps, x, v -> TOP + (100 - v) / 200 * plotHeight);

		List<GridLine> grid = new ArrayList<>();
		for (int step = 0; step <= 4; step++) {
			double y = TOP + step * plotHeight / 4;
			grid.add(new GridLine(round(y), String.valueOf(100 - 25 * step), String.valueOf(100 - 50 * step)));
		}

		DateTimeFormatter month = DateTimeFormatter.ofPattern("MMM", locale);
		DateTimeFormatter year = DateTimeFormatter
			.ofPattern(Locale.JAPANESE.getLanguage().equals(locale.getLanguage()) ? "yyyy年" : "yyyy", locale);
		List<XLabel> labels = new ArrayList<>();
		for (int i = 1; i < n; i++) {
			LocalDate date = points.get(i).weekEnding();
			if (points.get(i - 1).weekEnding().getMonthValue() != date.getMonthValue()) {
				// the year goes on a second line, under the first month shown and under
				// each January
				boolean withYear = labels.isEmpty() || date.getMonthValue() == 1;
				labels.add(new XLabel(round(x.apply(i)), month.format(date), withYear ? year.format(date) : null));
			}
		}
		// the last values are labelled next to the line; the upper series gets its label
		// above, the other below
		boolean trustAbove = trust.last() == null || nps.last() == null || trust.last().y() <= nps.last().y();
		return new TrendChart(List.of(trust, nps), grid, labels, LEFT, plotRight, TOP, plotBottom, trustAbove);
	}

	private static Series series(String name, List<TrendPoint> points, Function<TrendPoint, Double> value,
			Function<Integer, Double> x, Function<Double, Double> y) {
		List<String> segments = new ArrayList<>();
		List<Marker> markers = new ArrayList<>();
		StringBuilder path = new StringBuilder();
		Marker last = null;
		for (int i = 0; i < points.size(); i++) {
			Double v = value.apply(points.get(i));
			if (v == null) {
				// a week without a value breaks the line instead of drawing through it
				if (!path.isEmpty()) {
					segments.add(path.toString());
					path.setLength(0);
				}
				continue;
			}
			Marker marker = new Marker(round(x.apply(i)), round(y.apply(v)), v, i);
			markers.add(marker);
			path.append(path.isEmpty() ? "M" : " L").append(marker.x()).append(' ').append(marker.y());
			last = marker;
		}
		if (!path.isEmpty()) {
			segments.add(path.toString());
		}
		return new Series(name, segments, markers, last);
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	public double width() {
		return WIDTH;
	}

	public double height() {
		return HEIGHT;
	}

	public String viewBox() {
		return "0 0 " + (int) WIDTH + " " + (int) HEIGHT;
	}

	/**
	 * One line: its path pieces (split where values are missing), its markers and its
	 * last point for a label.
	 */
	record Series(String name, List<String> paths, List<Marker> markers, Marker last) {

		public boolean isEmpty() {
			return markers.isEmpty();
		}

	}

	/**
	 * A point of a series; {@code index} is its week in the trend, for the link to that
	 * week's feedback.
	 */
	record Marker(double x, double y, double value, int index) {

		/** The corner of a square marker of side 7 centred on the point. */
		public double squareX() {
			return x - 3.5;
		}

		public double squareY() {
			return y - 3.5;
		}

	}

	record GridLine(double y, String trustLabel, String npsLabel) {
	}

	/**
	 * A month under the x axis; {@code year} is {@code null} except where the year is
	 * shown too.
	 */
	record XLabel(double x, String text, String year) {
	}

}
