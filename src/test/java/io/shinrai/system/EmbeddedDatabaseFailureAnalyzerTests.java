package io.shinrai.system;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabaseFailureAnalyzerTests {

	private final EmbeddedDatabaseFailureAnalyzer analyzer = new EmbeddedDatabaseFailureAnalyzer();

	@Test
	void namesTheReasonTheEmbeddedDatabaseWasRefused() {
		Exception refused = catchRefusal();
		FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("bean creation failed", refused));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("was not started", "fsync=off", "force-unsafe-durability");
		assertThat(analysis.getAction()).contains("docs/operations.md");
	}

	@Test
	void leavesOtherFailuresToOtherAnalyzers() {
		assertThat(analyzer.analyze(new IllegalStateException("something else"))).isNull();
	}

	private static Exception catchRefusal() {
		try {
			EmbeddedPostgresServer.serverSettings(Map.of("fsync", "off"), false);
			throw new AssertionError("fsync=off was accepted");
		}
		catch (EmbeddedPostgresServer.RefusedException ex) {
			return ex;
		}
	}

}
