package dev.veloera.platform;

import java.nio.file.Path;

/** The configuration every platform test starts from: the built jars, its own data directory, free ports. */
final class TestPlatforms {

    private TestPlatforms() {
    }

    /** No demo upstream, no port for it; {@code database} is where every service keeps its data. */
    static PlatformConfig onFreePorts(Path dataDir, PlatformConfig.Database database) {
        return new PlatformConfig(Path.of(System.getProperty("veloera.home", "..")), dataDir, database,
                FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.next(), false, 0);
    }
}
