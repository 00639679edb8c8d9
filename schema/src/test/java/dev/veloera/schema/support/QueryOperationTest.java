package dev.veloera.schema.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryOperationTest {

    @Test
    void classifiesByTheLeadingKeyword() {
        assertThat(QueryOperation.of("select 1")).isEqualTo(QueryOperation.SELECT);
        assertThat(QueryOperation.of("  /* hint */ -- note\n SELECT * FROM users")).isEqualTo(QueryOperation.SELECT);
        assertThat(QueryOperation.of("(SELECT 1) UNION (SELECT 2)")).isEqualTo(QueryOperation.SELECT);
        assertThat(QueryOperation.of("INSERT INTO logs (id) VALUES (1) ON CONFLICT DO NOTHING")).isEqualTo(QueryOperation.INSERT);
        assertThat(QueryOperation.of("REPLACE INTO options VALUES ('a', 'b')")).isEqualTo(QueryOperation.INSERT);
        assertThat(QueryOperation.of("UPDATE users SET quota = quota - 1")).isEqualTo(QueryOperation.UPDATE);
        assertThat(QueryOperation.of("delete from tokens")).isEqualTo(QueryOperation.DELETE);
        assertThat(QueryOperation.of("CREATE TABLE t (id INT)")).isEqualTo(QueryOperation.OTHER);
        assertThat(QueryOperation.of("PRAGMA journal_mode")).isEqualTo(QueryOperation.OTHER);
        assertThat(QueryOperation.of("")).isEqualTo(QueryOperation.OTHER);
        assertThat(QueryOperation.of(null)).isEqualTo(QueryOperation.OTHER);
    }

    @Test
    void classifiesACommonTableExpressionByItsMainStatement() {
        assertThat(QueryOperation.of("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"))
                .isEqualTo(QueryOperation.SELECT);
        assertThat(QueryOperation.of("WITH old AS (SELECT id FROM logs WHERE created_at < 5), \"update\" AS (SELECT 1)"
                + " DELETE FROM logs WHERE id IN (SELECT id FROM old)")).isEqualTo(QueryOperation.DELETE);
        assertThat(QueryOperation.of("with update_counts as (select 1) update users set quota = 0"))
                .isEqualTo(QueryOperation.UPDATE);
    }
}
