package io.shinrai.backup;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.shinrai.Browser;
import io.shinrai.IntegrationTest;
import io.shinrai.account.Role;
import io.shinrai.account.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BackupBrowserTests {

	private static final String PASSWORD = "browser-password-1";

	@LocalServerPort
	private int port;

	@Autowired
	private UserAccounts accounts;

	@Autowired
	private Backups backups;

	@Test
	void anAdminTakesABackupWithTheButtonAndSeesItListed() {
		String admin = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		accounts.create(admin, "Browser " + admin, PASSWORD, Role.ADMIN);
		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(admin, PASSWORD);
			browser.navigate("nav-backups");
			assertThat(browser.currentPath()).isEqualTo("/admin/backups");
			assertThat(browser.text(By.id("backup-rotation"))).contains("7 days", "4 weeks", "28 days");

			browser.clickAndWaitForPage(By.id("backup-now"));
			String name = backups.list().get(0).name();
			assertThat(browser.text(By.cssSelector(".alert-success"))).isEqualTo("Backup " + name + " taken.");
			assertThat(browser.text(By.cssSelector("#backup-list tbody tr:first-child"))).contains(name, "On demand",
					backups.list().get(0).sha256());
			browser.screenshot("backups-page");
		}
	}

}
