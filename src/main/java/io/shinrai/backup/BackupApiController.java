package io.shinrai.backup;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/backups} lists the backups, {@code POST} takes one now (admins). */
@RestController
@RequestMapping("/api/v1/backups")
class BackupApiController {

	private final Backups backups;

	private final MessageSource messages;

	BackupApiController(Backups backups, MessageSource messages) {
		this.backups = backups;
		this.messages = messages;
	}

	record BackupJson(String name, Instant takenAt, long size, String sha256, String kind, String format) {

		static BackupJson of(Backup backup) {
			return new BackupJson(backup.name(), backup.takenAt(), backup.size(), backup.sha256(), backup.kind().name(),
					backup.format().name());
		}

	}

	@GetMapping
	List<BackupJson> list() {
		return backups.list().stream().map(BackupJson::of).toList();
	}

	@PostMapping
	ResponseEntity<BackupJson> take(Principal principal) {
		Backup backup = backups.take(Backup.Kind.MANUAL, principal.getName());
		return ResponseEntity.created(URI.create("/api/v1/backups")).body(BackupJson.of(backup));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> failed(BackupFailedException ex, Locale locale) {
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, messages.getMessage(ex.messageKey(), ex.arguments(), locale),
				locale);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> running(BackupRunningException ex, Locale locale) {
		return problem(HttpStatus.CONFLICT, messages.getMessage("backup.running", null, locale), locale);
	}

	private ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(messages.getMessage("backup.failed.title", null, locale));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
