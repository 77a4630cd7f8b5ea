package io.shinrai.customer;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.shinrai.system.CsvDownload;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.SegmentScope;

/**
 * {@code /customers/export.csv}: the customers the list shows, streamed as CSV for Excel.
 * The list's search ({@code q}, in name or reference) and segment filter apply; its band
 * and status filters are computed by scoring and are not applied here (this module does
 * not know trust scores).
 */
@Controller
class CustomerExportController {

	static final List<String> HEADER = List.of("reference", "name", "segment", "email", "created_at");

	private final CustomerExport export;

	private final ZoneId zone;

	private final BusinessTime businessTime;

	CustomerExportController(CustomerExport export, BusinessTime businessTime) {
		this.export = export;
		this.zone = businessTime.zone();
		this.businessTime = businessTime;
	}

	@GetMapping("/customers/export.csv")
	void exportCustomers(@RequestParam(name = "q", required = false) String search,
			@RequestParam(name = "segment", required = false) String segment, SegmentScope scope,
			HttpServletResponse response) throws IOException {
		try (CsvDownload csv = CsvDownload.start(response, "shinrai-customers", businessTime.today(), HEADER)) {
			export.forEach(search, segment, scope,
					customer -> csv.row(customer.getReference(), customer.getName(), customer.getSegment(),
							customer.getEmail(),
							DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(customer.getCreatedAt().atZone(zone))));
		}
	}

}
