package io.shinrai.demo;

import java.nio.file.Path;

import org.springframework.stereotype.Component;

import io.shinrai.feedback.csv.FeedbackImports;

/**
 * Demo data goes through the real CSV import, so it is stored, scored and audited like
 * any import.
 */
@Component
class ImportingDemoDataLoader implements DemoDataLoader {

	private final FeedbackImports imports;

	ImportingDemoDataLoader(FeedbackImports imports) {
		this.imports = imports;
	}

	@Override
	public void load(Path csv, String actor) {
		imports.run(csv, "demo-data.csv", actor);
	}

}
