package dev.veloera.platform;

import java.nio.file.Path;

import static org.awaitility.Awaitility.await;

/**
 * What every platform test starts from: the built jars, its own data directory, free ports; and the installation
 * most of them set up (root, and users with a balance).
 */
final class TestPlatforms {

    private TestPlatforms() {
    }

    /** No demo upstream, no port for it; {@code database} is where every service keeps its data. */
    static PlatformConfig onFreePorts(Path dataDir, PlatformConfig.Database database) {
        return new PlatformConfig(Path.of(System.getProperty("veloera.home", "..")), dataDir, database,
                FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.next(), false, 0);
    }

    /** Sets the installation up and signs root in once the read model knows root. */
    static ManagementClient.Session root(ManagementClient api) {
        api.setup("root", "root-password-1");
        await().atMost(Promises.SETUP).until(api::isSetUp);
        return api.awaitReadable(api.login("root", "root-password-1"), Promises.SETUP);
    }

    /**
     * Registers {@code name} (password {@code <name>-password-1}) with {@code quota} and signs them in once the
     * read model knows them; each login replaces the previous access token, so only the returned one works.
     */
    static ManagementClient.Session user(ManagementClient api, ManagementClient.Session root, String name, long quota) {
        api.register(name, name + "-password-1");
        ManagementClient.Session first = api.login(name, name + "-password-1");
        api.setQuota(root, first.userId(), quota);
        return api.awaitReadable(api.login(name, name + "-password-1"), Promises.SETUP);
    }
}
