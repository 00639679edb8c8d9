# One image per service: docker build --build-arg MODULE=relay-service .
# Built from the jars of `./mvnw -DskipTests package` (run that first).
FROM eclipse-temurin:21-jre
ARG MODULE
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY ${MODULE}/target/${MODULE}.jar /app/service.jar
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar"]
