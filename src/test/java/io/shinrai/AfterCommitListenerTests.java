package io.shinrai;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.event.TransactionalEventListener;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

/**
 * No plain {@code @TransactionalEventListener}: the event publication registry wraps
 * every after-commit transactional listener and marks it processing and completed in
 * transactions of their own, on the committing thread while its connection is still held.
 * On the API's request path that doubled the connections each entry needs and exhausted
 * the pool at 20 concurrent clients. Listeners that must see committed facts are
 * {@code @ApplicationModuleListener}s (asynchronous, in the registry on purpose) or count
 * in a transaction synchronization's {@code afterCommit}.
 */
class AfterCommitListenerTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.shinrai");

	@Test
	void noListenerIsAPlainTransactionalEventListener() {
		noMethods().should()
			.beAnnotatedWith(TransactionalEventListener.class)
			.because("the event publication registry would mark each call in transactions of their own,"
					+ " taking a second connection while the first is held")
			.check(classes);
	}

}
