package io.cutplan.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutplan.domain.Role;
import io.cutplan.testing.Api;
import io.cutplan.testing.Fixtures;
import io.cutplan.testing.TestHost;
import java.io.ByteArrayInputStream;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** A browser asking for gzip gets the snapshot compressed, and its idle poll still ends in 304. */
class CompressionTest {

    @Test
    void snapshotIsGzippedAndTheCompressedETagStillRevalidates() throws Exception {
        TestHost host = TestHost.get();
        Fixtures fx = Fixtures.in(host.database());
        UUID team = fx.team("GZ");
        Fixtures.Plan plan = fx.plan("Compression");
        UUID previous = null;
        for (int i = 1; i <= 60; i++) {
            UUID step = plan.step("TRT-" + i, "A step with a reasonably long, repetitive title number " + i, team);
            if (previous != null) {
                plan.dependency(previous, step);
            }
            previous = step;
        }
        UUID iteration = plan.iteration("GZ1");
        Api api = host.as(fx.user("viewer", Role.NORMAL).username());
        String path = "/iterations/" + iteration + "/dashboard";

        Api.Response plain = api.get(path);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.header("Content-Encoding")).isNull();

        java.net.http.HttpResponse<byte[]> zipped = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(host.restUrl() + path))
                        .header("Authorization", basic(api)).header("Accept-Encoding", "gzip").build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.statusCode()).isEqualTo(200);
        assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
        var fromZip = (com.fasterxml.jackson.databind.node.ObjectNode) io.cutplan.api.JsonMapper.get().readTree(unzipped);
        var fromPlain = (com.fasterxml.jackson.databind.node.ObjectNode) plain.json();
        fromZip.remove("serverTime");
        fromPlain.remove("serverTime");
        assertThat(fromZip).isEqualTo(fromPlain);
        assertThat(fromZip.path("steps").size()).isEqualTo(60);
        assertThat(zipped.body().length).isLessThan(unzipped.length / 3);

        String etag = zipped.headers().firstValue("ETag").orElseThrow();
        java.net.http.HttpResponse<byte[]> revalidated = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(host.restUrl() + path))
                        .header("Authorization", basic(api)).header("Accept-Encoding", "gzip")
                        .header("If-None-Match", etag).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(revalidated.statusCode()).isEqualTo(304);
    }

    private static String basic(Api api) {
        return api.authorizationHeader();
    }
}
