package io.shinrai.feedback.csv;

import java.util.Locale;

/**
 * The columns of Shinrai's feedback CSV files (README.md "CSV format"), in the order
 * exports write them.
 */
enum CsvColumn {

	EXTERNAL_ID, CUSTOMER_REF, CUSTOMER_NAME, SEGMENT, RECEIVED_AT, CHANNEL, CATEGORY, TRANSPARENCY, CONSISTENCY,
	COMMUNICATION, QUALITY, VALUES, NPS, CSAT, CES, INCIDENTS, COMMENT;

	/** The name in the header row. */
	String header() {
		return name().toLowerCase(Locale.ROOT);
	}

	static java.util.List<String> headers() {
		return java.util.Arrays.stream(values()).map(CsvColumn::header).toList();
	}

}
