# Build: docker build -t arbiter .   Run with a PostgreSQL: see docker-compose.yml.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp dependency:go-offline
COPY src src
RUN ./mvnw -B -ntp package -DskipTests

FROM eclipse-temurin:21-jre
RUN useradd --system --home /app arbiter
WORKDIR /app
COPY --from=build /src/target/arbiter-*.jar app.jar
# The shipped default policy; mount your own over these folders.
COPY decision-tables decision-tables
COPY rules rules
# The dunning message templates (arbiter.dunning.templates-directory); mount your own over this folder too.
COPY templates templates
ENV ARBITER_POLICY_TABLES_DIRECTORY=/app/decision-tables \
    ARBITER_POLICY_RULES_DIRECTORY=/app/rules \
    ARBITER_DUNNING_TEMPLATES_DIRECTORY=/app/templates/dunning
USER arbiter
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "app.jar"]
