package io.shinrai;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(ShinraiApplication.class);

	@Test
	void modulesOnlyUseEachOthersPublicApiWithoutCycles() {
		modules.verify();
	}

}
