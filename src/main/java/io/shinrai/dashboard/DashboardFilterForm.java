package io.shinrai.dashboard;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;

import io.shinrai.feedback.Channel;

/**
 * The dashboard's filters, bound from the URL so a view can be bookmarked and shared:
 * {@code period} is {@code 30}, {@code 90}, {@code 365} (last days) or {@code custom}
 * (the dates {@code from} to {@code to}, inclusive, in the business time zone).
 */
public class DashboardFilterForm {

	static final String CUSTOM = "custom";

	private String period;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate from;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate to;

	private String segment;

	private Channel channel;

	public String getPeriod() {
		return period;
	}

	public void setPeriod(String period) {
		this.period = (period == null || period.isBlank()) ? null : period.strip();
	}

	public LocalDate getFrom() {
		return from;
	}

	public void setFrom(LocalDate from) {
		this.from = from;
	}

	public LocalDate getTo() {
		return to;
	}

	public void setTo(LocalDate to) {
		this.to = to;
	}

	public String getSegment() {
		return segment;
	}

	public void setSegment(String segment) {
		this.segment = (segment == null || segment.isBlank()) ? null : segment.strip();
	}

	public Channel getChannel() {
		return channel;
	}

	public void setChannel(Channel channel) {
		this.channel = channel;
	}

	boolean isCustom() {
		return CUSTOM.equals(period);
	}

}
