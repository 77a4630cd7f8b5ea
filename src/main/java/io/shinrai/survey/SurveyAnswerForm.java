package io.shinrai.survey;

import java.util.EnumMap;
import java.util.Map;

import io.shinrai.feedback.Signal;

/**
 * The public survey form: every answer optional ({@code null}); {@link #toAnswer()} makes
 * the service's command.
 */
public class SurveyAnswerForm {

	private Integer transparency;

	private Integer consistency;

	private Integer communication;

	private Integer quality;

	private Integer values;

	private Integer nps;

	private Integer csat;

	private Integer ces;

	private String comment;

	SurveyAnswer toAnswer() {
		Map<Signal, Integer> ratings = new EnumMap<>(Signal.class);
		ratings.put(Signal.TRANSPARENCY, transparency);
		ratings.put(Signal.CONSISTENCY, consistency);
		ratings.put(Signal.COMMUNICATION, communication);
		ratings.put(Signal.QUALITY, quality);
		ratings.put(Signal.VALUES, values);
		return new SurveyAnswer(ratings, nps, csat, ces, comment);
	}

	public Integer getTransparency() {
		return transparency;
	}

	public void setTransparency(Integer transparency) {
		this.transparency = transparency;
	}

	public Integer getConsistency() {
		return consistency;
	}

	public void setConsistency(Integer consistency) {
		this.consistency = consistency;
	}

	public Integer getCommunication() {
		return communication;
	}

	public void setCommunication(Integer communication) {
		this.communication = communication;
	}

	public Integer getQuality() {
		return quality;
	}

	public void setQuality(Integer quality) {
		this.quality = quality;
	}

	public Integer getValues() {
		return values;
	}

	public void setValues(Integer values) {
		this.values = values;
	}

	public Integer getNps() {
		return nps;
	}

	public void setNps(Integer nps) {
		this.nps = nps;
	}

	public Integer getCsat() {
		return csat;
	}

	public void setCsat(Integer csat) {
		this.csat = csat;
	}

	public Integer getCes() {
		return ces;
	}

	public void setCes(Integer ces) {
		this.ces = ces;
	}

	public String getComment() {
		return comment;
	}

	public void setComment(String comment) {
		this.comment = comment;
	}

}
