package io.shinrai.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.shinrai.system.BusinessTime;
import io.shinrai.system.BusinessTimeProperties;

import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataControllerTests {

	private final DemoDataController controller = new DemoDataController(null, null,
			new BusinessTime(new BusinessTimeProperties(ZoneId.of("Asia/Tokyo")), Clock.systemUTC()),
			Clock.systemUTC());

	private final RedirectAttributesModelMap redirect = new RedirectAttributesModelMap();

	/** Records what it was given, including the file's lines while it still exists. */
	private static final class RecordingLoader implements DemoDataLoader {

		Path file;

		String actor;

		List<String> lines = new ArrayList<>();

		@Override
		public void load(Path csv, String actor) {
			this.file = csv;
			this.actor = actor;
			try {
				lines = Files.readAllLines(csv);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	@Test
	void saysItIsNotAvailableWithoutALoader() {
		assertThat(controller.load(null, true, "admin", redirect)).isEqualTo("redirect:/");
		assertThat(redirect.getFlashAttributes().get("failure")).isEqualTo("demo.notAvailable");
	}

	@Test
	void refusesADatabaseThatHasFeedback() {
		RecordingLoader loader = new RecordingLoader();
		controller.load(loader, false, "admin", redirect);
		assertThat(redirect.getFlashAttributes().get("failure")).isEqualTo("demo.notEmpty");
		assertThat(loader.file).isNull();
	}

	@Test
	void handsAGeneratedCsvToTheLoaderAndDeletesItAfterwards() {
		RecordingLoader loader = new RecordingLoader();
		controller.load(loader, true, "admin", redirect);
		assertThat(redirect.getFlashAttributes().get("success")).isEqualTo("demo.loaded");
		assertThat(loader.actor).isEqualTo("admin");
		assertThat(loader.lines).hasSize(DemoDataController.ENTRIES + 1);
		assertThat(loader.lines.get(0)).isEqualTo(String.join(",", DemoDataGenerator.HEADER));
		assertThat(loader.file).doesNotExist();
	}

	@Test
	void reportsAFailedLoadAndStillDeletesTheFile() {
		Path[] given = new Path[1];
		controller.load((csv, actor) -> {
			given[0] = csv;
			throw new IllegalStateException("import failed");
		}, true, "admin", redirect);
		assertThat(redirect.getFlashAttributes().get("failure")).isEqualTo("demo.failed");
		assertThat(given[0]).doesNotExist();
	}

}
