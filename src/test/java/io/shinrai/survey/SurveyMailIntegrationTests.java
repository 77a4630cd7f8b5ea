package io.shinrai.survey;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDetails;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.notification.TestMail;
import io.shinrai.recovery.CaseSummary;
import io.shinrai.recovery.RecoveryCases;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * E-mailing a survey link from the customer page and the case page, with GreenMail as the
 * SMTP server on loopback: the mail goes through the notification module's outbox, in the
 * customer's language.
 */
@IntegrationTest
@AutoConfigureMockMvc
class SurveyMailIntegrationTests {

	private static final int SMTP_PORT = freePort();

	private static final GreenMail smtp = startSmtp();

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP_PORT);
		registry.add("shinrai.mail.from", () -> "shinrai@example.test");
		registry.add("shinrai.base-url", () -> "https://shinrai.example.test");
	}

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private CustomerDirectory customers;

	@Autowired
	private FeedbackLog feedback;

	@Autowired
	private RecoveryCases cases;

	@Autowired
	private JdbcClient jdbc;

	@BeforeEach
	void purge() throws Exception {
		smtp.purgeEmailFromAllMailboxes();
	}

	@AfterAll
	static void stopSmtp() {
		smtp.stop();
	}

	private Customer customer(String language, String email) {
		String reference = "M-" + UUID.randomUUID();
		return customers.create(
				new CustomerDetails(reference, "Kunde " + reference.substring(2, 8), "Mail", email, language),
				TestUsers.MANAGER);
	}

	private MvcResult emailLink(Customer customer, Long caseId) throws Exception {
		var request = post("/survey-links").with(user(users.user(TestUsers.MANAGER)))
			.with(csrf())
			.param("customerId", String.valueOf(customer.getId()))
			.param("expiresInDays", "7")
			.param("delivery", "EMAIL");
		if (caseId != null) {
			request.param("caseId", String.valueOf(caseId));
		}
		return mvc.perform(request).andReturn();
	}

	private MimeMessage onlyMailTo(String address) throws Exception {
		TestMail.sendQueued(context);
		MimeMessage found = null;
		for (MimeMessage message : smtp.getReceivedMessages()) {
			if (message.getAllRecipients()[0].toString().equals(address)) {
				assertThat(found).as("one mail to " + address).isNull();
				found = message;
			}
		}
		assertThat(found).as("a mail to " + address).isNotNull();
		return found;
	}

	private static String part(MimeMessage message, String type) throws Exception {
		Multipart mixed = (Multipart) message.getContent();
		return find(mixed, type);
	}

	private static String find(Multipart multipart, String type) throws Exception {
		for (int i = 0; i < multipart.getCount(); i++) {
			var body = multipart.getBodyPart(i);
			if (body.isMimeType(type)) {
				return (String) body.getContent();
			}
			if (body.getContent() instanceof Multipart inner) {
				String found = find(inner, type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private long linksOf(Customer customer) {
		return jdbc.sql("select count(*) from survey_link where customer_id = ?")
			.param(customer.getId())
			.query(Long.class)
			.single();
	}

	private long queuedTo(String address) {
		return jdbc.sql("select count(*) from mail_outbox where recipient = ?")
			.param(address)
			.query(Long.class)
			.single();
	}

	@Test
	void japaneseCustomerGetsTheLinkInJapaneseThroughTheOutbox() throws Exception {
		String address = "ja-" + UUID.randomUUID() + "@example.test";
		Customer customer = customer("ja", address);

		MvcResult result = emailLink(customer, null);

		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/customers/" + customer.getId());
		IssuedLink link = (IssuedLink) result.getFlashMap().get("surveyLinkIssued");
		assertThat(result.getFlashMap().get("surveyLinkMailed")).isEqualTo(address);
		assertThat(queuedTo(address)).as("queued, not sent on the request's thread").isEqualTo(1);
		MimeMessage mail = onlyMailTo(address);
		assertThat(mail.getSubject()).isEqualTo("サービスについてのアンケートのお願い");
		assertThat(mail.getFrom()[0].toString()).isEqualTo("shinrai@example.test");
		String text = part(mail, "text/plain");
		assertThat(text).contains(customer.getName() + " 様").contains(link.url()).contains("1 回のみ");
		assertThat(link.url()).startsWith("https://shinrai.example.test/s/");
		assertThat(part(mail, "text/html")).contains("href=\"" + link.url() + "\"")
			.contains("アンケートに回答する")
			.contains("lang=\"ja\"");
		assertThat(jdbc.sql("select emailed_at is not null from survey_link where id = ?")
			.param(link.id())
			.query(Boolean.class)
			.single()).isTrue();

		String page = mvc
			.perform(get("/customers/" + customer.getId()).with(user(users.user(TestUsers.STAFF))).param("lang", "en"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"survey-link-" + link.id() + "\"").contains("E-mailed ");
	}

	@Test
	void englishCustomerGetsTheCaseLinkInEnglish() throws Exception {
		String address = "en-" + UUID.randomUUID() + "@example.test";
		Customer customer = customer("en", address);
		CaseSummary openCase = new SurveyFixtures(customers, feedback, cases).openCase(customer);

		MvcResult result = emailLink(customer, openCase.id());

		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/recovery/" + openCase.id());
		IssuedLink link = (IssuedLink) result.getFlashMap().get("surveyLinkIssued");
		assertThat(link.caseId()).isEqualTo(openCase.id());
		MimeMessage mail = onlyMailTo(address);
		assertThat(mail.getSubject()).isEqualTo("Did we put it right?");
		assertThat(part(mail, "text/plain")).contains("Dear " + customer.getName() + ",")
			.contains("Please tell us whether we put it right")
			.contains(link.url());
		assertThat(part(mail, "text/html")).contains("lang=\"en\"").contains("Answer the survey");
		assertThat(GreenMailUtil.getBody(mail)).doesNotContain("様");
	}

	@Test
	void customerWithoutEmailIsRefusedAndNothingIsCreated() throws Exception {
		Customer customer = customer("en", null);

		MvcResult result = emailLink(customer, null);

		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/customers/" + customer.getId());
		assertThat(result.getFlashMap().get("surveyLinkFailure")).isEqualTo("survey.links.noEmail");
		assertThat(result.getFlashMap().containsKey("surveyLinkIssued")).isFalse();
		assertThat(linksOf(customer)).isZero();
		TestMail.sendQueued(context);
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void copiedLinkSendsNoMail() throws Exception {
		String address = "copy-" + UUID.randomUUID() + "@example.test";
		Customer customer = customer("ja", address);

		MvcResult result = mvc
			.perform(post("/survey-links").with(user(users.user(TestUsers.MANAGER)))
				.with(csrf())
				.param("customerId", String.valueOf(customer.getId()))
				.param("delivery", "COPY"))
			.andReturn();

		assertThat(result.getFlashMap().get("surveyLinkIssued")).isNotNull();
		assertThat(result.getFlashMap().containsKey("surveyLinkMailed")).isFalse();
		assertThat(queuedTo(address)).isZero();
		assertThat(linksOf(customer)).isEqualTo(1);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static GreenMail startSmtp() {
		GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
		return server;
	}

}
