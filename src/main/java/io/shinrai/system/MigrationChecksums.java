package io.shinrai.system;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * Migrations whose comments were corrected after they had been applied (they cited a
 * document outside this project instead of docs/scoring.md): before Flyway validates, the
 * recorded checksum of exactly those versions is replaced, and only where it is still the
 * old one. Any other difference still fails validation, as it should.
 */
@Component
class MigrationChecksums implements FlywayConfigurationCustomizer {

	/** version → {checksum recorded before the correction, checksum of the file now} */
	static final Map<String, int[]> CORRECTED = Map.of("2", new int[] { -457963230, 1571336162 }, "10",
			new int[] { 523601443, 1258221930 });

	@Override
	public void customize(org.flywaydb.core.api.configuration.FluentConfiguration configuration) {
		configuration.callbacks(new Callback() {

			@Override
			public boolean supports(Event event, Context context) {
				return event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE;
			}

			@Override
			public boolean canHandleInTransaction(Event event, Context context) {
				return true;
			}

			@Override
			public void handle(Event event, Context context) {
				try {
					correct(context);
				}
				catch (SQLException ex) {
					throw new IllegalStateException("could not correct the recorded migration checksums", ex);
				}
			}

			@Override
			public String getCallbackName() {
				return "corrected migration checksums";
			}

		});
	}

	private static void correct(Context context) throws SQLException {
		String table = context.getConfiguration().getTable();
		try (PreparedStatement exists = context.getConnection().prepareStatement("select to_regclass(?) is not null")) {
			exists.setString(1, table);
			try (ResultSet rs = exists.executeQuery()) {
				if (!rs.next() || !rs.getBoolean(1)) {
					return;
				}
			}
		}
		for (Map.Entry<String, int[]> corrected : CORRECTED.entrySet()) {
			try (PreparedStatement update = context.getConnection()
				.prepareStatement("update " + table + " set checksum = ? where version = ? and checksum = ?")) {
				update.setInt(1, corrected.getValue()[1]);
				update.setString(2, corrected.getKey());
				update.setInt(3, corrected.getValue()[0]);
				update.executeUpdate();
			}
		}
	}

}
