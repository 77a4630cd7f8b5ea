package io.shinrai.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.shinrai.scoring.Band;
import io.shinrai.scoring.ScoringPolicy;
import io.shinrai.scoring.TrendPoint;

class CustomerTrendChartTests {

	private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

	@Test
	void breaksTheLineWhereThereIsNoDataAndMarksEveryPointWithData() {
		List<TrendPoint> points = new ArrayList<>();
		for (int week = 0; week < 53; week++) {
			Double trust = (week < 10 || week == 30) ? null : 40.0 + week % 7;
			points
				.add(new TrendPoint(START.plus(Duration.ofDays(7L * week)), trust, trust == null ? null : Band.MEDIUM));
		}

		CustomerTrendChart chart = CustomerTrendChart.of(points, ScoringPolicy.defaults());

		assertThat(chart.lines()).hasSize(2);
		assertThat(chart.markers()).hasSize(53 - 11);
		assertThat(chart.markers().get(0).index()).isEqualTo(10);
		assertThat(chart.hasData()).isTrue();
	}

	@Test
	void placesTrustFromTheBottomAndThresholdsBetween() {
		List<TrendPoint> points = List.of(new TrendPoint(START, 0.0, Band.LOW),
				new TrendPoint(START.plus(Duration.ofDays(7)), 100.0, Band.HIGH));

		CustomerTrendChart chart = CustomerTrendChart.of(points, ScoringPolicy.defaults());

		double zero = Double.parseDouble(chart.markers().get(0).y());
		double hundred = Double.parseDouble(chart.markers().get(1).y());
		double low = Double.parseDouble(chart.low().y());
		double high = Double.parseDouble(chart.high().y());
		assertThat(zero).isEqualTo(chart.bottom());
		assertThat(hundred).isEqualTo(chart.top());
		assertThat(zero).isGreaterThan(low);
		assertThat(low).isGreaterThan(high);
		assertThat(high).isGreaterThan(hundred);
	}

	@Test
	void keepsTheFirstAndLastDateLabelsInside() {
		List<TrendPoint> points = new ArrayList<>();
		for (int week = 0; week < 53; week++) {
			points.add(new TrendPoint(START.plus(Duration.ofDays(7L * week)), 50.0, Band.MEDIUM));
		}

		CustomerTrendChart chart = CustomerTrendChart.of(points, ScoringPolicy.defaults());

		assertThat(chart.xTicks()).extracting(CustomerTrendChart.Tick::anchor)
			.containsExactly("start", "middle", "middle", "middle", "end");
	}

	@Test
	void noDataDrawsNothing() {
		CustomerTrendChart chart = CustomerTrendChart.of(List.of(new TrendPoint(START, null, null)),
				ScoringPolicy.defaults());

		assertThat(chart.hasData()).isFalse();
		assertThat(chart.lines()).isEmpty();
	}

}
