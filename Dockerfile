# syntax=docker/dockerfile:1
# Statekeeper's container image: `docker build -t statekeeper .` (see the README's "Containers").
# Stage 1 builds the jar with the Maven wrapper on a JDK; stage 2 runs it on a JRE as a user of its own.
# Base images are pinned to a release; raise them together.

FROM eclipse-temurin:21.0.6_7-jdk-noble AS build
WORKDIR /src
COPY . .
# the wrapper downloads Maven and the dependencies; the cache keeps them between builds
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -pl cli -am -DskipTests

FROM eclipse-temurin:21.0.6_7-jre-noble
RUN groupadd --system --gid 10001 statekeeper \
    && useradd --system --uid 10001 --gid statekeeper --home-dir /var/lib/statekeeper --create-home \
       --shell /usr/sbin/nologin statekeeper
COPY --from=build /src/cli/target/statekeeper-dist/lib/statekeeper.jar /opt/statekeeper/statekeeper.jar
COPY --from=build /src/cli/target/statekeeper-dist/LICENSE /opt/statekeeper/LICENSE
COPY docker/statekeeper /usr/local/bin/statekeeper
RUN chmod 0755 /usr/local/bin/statekeeper
# serve listens on every interface of the container (it then requires STATEKEEPER_API_TOKEN); logs are JSON
# lines for a collector; the SQLite store, when no DATABASE_URL is given, lives in the volume
ENV STATEKEEPER_DATA_DIR=/var/lib/statekeeper \
    STATEKEEPER_BIND=0.0.0.0 \
    STATEKEEPER_PORT=7070 \
    STATEKEEPER_LOG_FORMAT=json
USER statekeeper:statekeeper
WORKDIR /var/lib/statekeeper
VOLUME ["/var/lib/statekeeper"]
EXPOSE 7070
# the doctor's cheap checks against the same store: exit 0 healthy, 6 a P1 finding, 5 store unreachable
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["statekeeper", "healthcheck"]
ENTRYPOINT ["statekeeper"]
CMD ["serve"]
