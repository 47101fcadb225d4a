package io.arbiter.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.FileSystemUtils;

/**
 * A folder shipped inside the application (the sample policy, the default dunning templates), copied out to a
 * temporary directory so that the code that reads folders reads it like any other, wherever the jar is started from.
 * The copy is deleted when the JVM exits.
 */
public final class PackagedFolder {

    private PackagedFolder() {
    }

    /** Copies every file under {@code classpath:root/} into a new temporary directory, which it answers. */
    public static Path extract(String root) {
        try {
            Path target = Files.createTempDirectory("arbiter-" + root.replace('/', '-') + "-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    FileSystemUtils.deleteRecursively(target);
                } catch (IOException e) {
                    // a temporary directory left behind is the system's to clean
                }
            }));
            Resource base = new PathMatchingResourcePatternResolver().getResource("classpath:" + root + "/");
            String prefix = base.getURL().toString();
            for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath*:" + root + "/**/*")) {
                String url = file.getURL().toString();
                if (!file.isReadable() || url.endsWith("/") || !url.startsWith(prefix)) {
                    continue;
                }
                Path copy = target.resolve(url.substring(prefix.length())).normalize();
                if (!copy.startsWith(target)) {
                    continue;
                }
                Files.createDirectories(copy.getParent());
                try (InputStream in = file.getInputStream()) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("The application's packaged " + root + " cannot be read", e);
        }
    }
}
