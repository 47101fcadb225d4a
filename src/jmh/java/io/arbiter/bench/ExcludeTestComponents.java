package io.arbiter.bench;

import java.io.IOException;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * The bench runs on the test class path, where component scanning would also find the tests' own
 * {@code @TestConfiguration} classes (their scripted providers); a test context excludes them, so does this.
 */
final class ExcludeTestComponents extends TypeExcludeFilter {

    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
        return reader.getAnnotationMetadata().isAnnotated("org.springframework.boot.test.context.TestComponent");
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
