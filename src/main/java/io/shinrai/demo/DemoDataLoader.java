package io.shinrai.demo;

import java.nio.file.Path;

/**
 * Loads a demo data CSV (written by {@link DemoDataGenerator} in the import format)
 * through the real import path, on behalf of {@code actor}. Until an implementation
 * exists as a bean, "load demo data" says it is not available.
 */
public interface DemoDataLoader {

	void load(Path csv, String actor);

}
