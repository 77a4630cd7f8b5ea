package io.shinrai.recovery;

import java.util.Optional;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

interface RecoveryCaseRepository extends JpaRepository<RecoveryCase, Long> {

	@EntityGraph(attributePaths = "notes")
	Optional<RecoveryCase> findWithNotesById(long id);

}
