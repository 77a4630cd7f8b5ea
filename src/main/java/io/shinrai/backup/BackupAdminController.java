package io.shinrai.backup;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The backups page for admins: the backups kept, the rotation settings and a button that
 * takes one now.
 */
@Controller
@RequestMapping("/admin/backups")
class BackupAdminController {

	static final String VIEW = "backup/index";

	private final Backups backups;

	private final BackupProperties properties;

	BackupAdminController(Backups backups, BackupProperties properties) {
		this.backups = backups;
		this.properties = properties;
	}

	@GetMapping
	String showBackups(Model model) {
		model.addAttribute("backups", backups.list());
		model.addAttribute("settings", properties);
		model.addAttribute("directory", properties.directory().toAbsolutePath().normalize().toString());
		return VIEW;
	}

	@PostMapping
	String processBackupForm(Principal principal, RedirectAttributes redirect) {
		try {
			Backup backup = backups.take(Backup.Kind.MANUAL, principal.getName());
			redirect.addFlashAttribute("success", "backup.taken");
			redirect.addFlashAttribute("successArgs", new Object[] { backup.name() });
		}
		catch (BackupFailedException ex) {
			redirect.addFlashAttribute("failure", ex.messageKey());
			redirect.addFlashAttribute("failureArgs", ex.arguments());
		}
		catch (BackupRunningException ex) {
			redirect.addFlashAttribute("failure", "backup.running");
		}
		return "redirect:/admin/backups";
	}

}
