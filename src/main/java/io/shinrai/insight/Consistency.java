package io.shinrai.insight;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.Channel;
import io.shinrai.scoring.ChannelTrust;
import io.shinrai.scoring.TrustScores;
import io.shinrai.system.BusinessTime;

/**
 * Consistency across channels: how far the trust of one segment's (or one customer's)
 * entries differs between the channels they came through in the period. The spread is the
 * highest channel trust less the lowest; the channel out of line is the one farthest from
 * the mean of the others (of two equally far, the lower one).
 */
@Service
@Transactional(readOnly = true)
public class Consistency {

	/** A segment's channel counts with at least this many entries in the period. */
	public static final int MIN_SEGMENT_ENTRIES = 10;

	/** A customer's channel counts with at least this many entries in the period. */
	public static final int MIN_CUSTOMER_ENTRIES = 3;

	/**
	 * A spread of at least this many points is called inconsistent and its out-of-line
	 * channel named.
	 */
	public static final double MIN_SPREAD = 10;

	static final int CUSTOMER_LIMIT = 20;

	private final TrustScores trustScores;

	private final CustomerDirectory customers;

	private final ZoneId zone;

	Consistency(TrustScores trustScores, CustomerDirectory customers, BusinessTime businessTime) {
		this.trustScores = trustScores;
		this.customers = customers;
		this.zone = businessTime.zone();
	}

	public record ChannelCell(Channel channel, long entries, double trust) {
	}

	/**
	 * One segment's or customer's channels.
	 *
	 * @param customerId {@code null} for a segment
	 * @param outOfLine the channel farthest from the others' mean, when the spread is at
	 * least {@link #MIN_SPREAD}
	 * @param gap that channel's trust less the others' mean (negative: below them)
	 */
	public record Spread(String segment, Long customerId, String customerRef, String customerName,
			List<ChannelCell> channels, double spread, Channel outOfLine, double gap) {

		public boolean inconsistent() {
			return outOfLine != null;
		}

		public long entries() {
			return channels.stream().mapToLong(ChannelCell::entries).sum();
		}

	}

	public record ConsistencyReport(InsightFilter filter, List<Spread> segments, List<Spread> customers) {

		public int minSegmentEntries() {
			return MIN_SEGMENT_ENTRIES;
		}

		public int minCustomerEntries() {
			return MIN_CUSTOMER_ENTRIES;
		}

		public double minSpread() {
			return MIN_SPREAD;
		}

	}

	public ConsistencyReport consistency(InsightFilter filter) {
		Instant from = filter.start(zone);
		// as of the end of the period's last day, so the same filter gives the same
		// numbers all day long
		Instant asOf = filter.end(zone);
		List<Spread> segments = spreads(
				within(filter, trustScores.channelTrust(from, asOf, filter.segment(), false, MIN_SEGMENT_ENTRIES)),
				filter.channel(), false);
		List<Spread> customerSpreads = spreads(
				within(filter, trustScores.channelTrust(from, asOf, filter.segment(), true, MIN_CUSTOMER_ENTRIES)),
				filter.channel(), true)
			.stream()
			.filter(Spread::inconsistent)
			.limit(CUSTOMER_LIMIT)
			.map(this::named)
			.toList();
		return new ConsistencyReport(filter, segments, customerSpreads);
	}

	/** The cells of the segments the filter is limited to. */
	private static List<ChannelTrust> within(InsightFilter filter, List<ChannelTrust> cells) {
		return filter.within().isAll() ? cells
				: cells.stream().filter(cell -> filter.within().includes(cell.segment())).toList();
	}

	private Spread named(Spread spread) {
		Customer customer = customers.find(spread.customerId()).orElse(null);
		return new Spread(spread.segment(), spread.customerId(), customer == null ? null : customer.getReference(),
				customer == null ? null : customer.getName(), spread.channels(), spread.spread(), spread.outOfLine(),
				spread.gap());
	}

	/**
	 * Groups the cells by segment or customer; only groups with two channels or more,
	 * widest spread first.
	 */
	static List<Spread> spreads(List<ChannelTrust> cells, Channel onlyWith, boolean perCustomer) {
		Map<Object, List<ChannelTrust>> groups = new LinkedHashMap<>();
		for (ChannelTrust cell : cells) {
			if (cell.score().trust() != null) {
				groups.computeIfAbsent(perCustomer ? cell.customerId() : cell.segment(), key -> new ArrayList<>())
					.add(cell);
			}
		}
		List<Spread> spreads = new ArrayList<>();
		groups.forEach((key, group) -> {
			if (group.size() < 2
					|| (onlyWith != null && group.stream().noneMatch(cell -> cell.channel() == onlyWith))) {
				return;
			}
			group.sort(Comparator.comparing(ChannelTrust::channel));
			List<ChannelCell> channels = group.stream()
				.map(cell -> new ChannelCell(cell.channel(), cell.entries(), cell.score().trust()))
				.toList();
			double max = channels.stream().mapToDouble(ChannelCell::trust).max().orElseThrow();
			double min = channels.stream().mapToDouble(ChannelCell::trust).min().orElseThrow();
			double total = channels.stream().mapToDouble(ChannelCell::trust).sum();
			Channel outOfLine = null;
			double gap = 0;
			for (ChannelCell cell : channels) {
				double othersMean = (total - cell.trust()) / (channels.size() - 1);
				double distance = Math.abs(cell.trust() - othersMean);
				// two channels are equally far from each other: the lower one is the one
				// to look at
				boolean tie = Math.abs(distance - Math.abs(gap)) < 1e-9 && cell.trust() < othersMean;
				if (outOfLine == null || distance > Math.abs(gap) + 1e-9 || tie) {
					outOfLine = cell.channel();
					gap = cell.trust() - othersMean;
				}
			}
			boolean inconsistent = max - min >= MIN_SPREAD;
			ChannelTrust first = group.get(0);
			spreads.add(new Spread(first.segment(), first.customerId(), null, null, channels, max - min,
					inconsistent ? outOfLine : null, inconsistent ? gap : 0));
		});
		spreads.sort(Comparator.comparingDouble(Spread::spread).reversed());
		return spreads;
	}

}
