import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { compileUnderEmulation } from './compile-under-emulation.js';

testRule(compileUnderEmulation, {
  valid: [
    {
      name: 'the compiler in a stage on the build platform',
      code: example`
        FROM --platform=linux/amd64 golang:1.22 AS build
        ARG TARGETOS
        ARG TARGETARCH
        RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app .
        FROM gcr.io/distroless/static
        COPY --from=build /app /app
      `,
    },
    {
      name: 'a compiler named as words of another command, and tools that are not compilers',
      code: example`
        FROM alpine
        RUN apk add --no-cache ca-certificates && echo "built with go build upstream" > /note
      `,
    },
  ],
  invalid: [
    {
      code: example`
        # A Go service compiled in every platform's own stage: under QEMU for all but one.
        FROM golang:1.22 AS build
        WORKDIR /src
        COPY . .
        RUN go mod download && \\
            go build -o /app .
        FROM gcr.io/distroless/static
        COPY --from=build /app /app

        FROM maven:3-eclipse-temurin-21 AS jar
        RUN mvn -q package
      `,
      errors: ['5:1-5:4 compiler', '11:1-11:4 compiler'],
    },
    {
      name: 'cargo after a cd, gradlew after variable assignments',
      code: example`
        FROM rust:1.79 AS rust
        RUN cd /src; cargo build --release
        FROM eclipse-temurin:21 AS jvm
        RUN GRADLE_OPTS=-Xmx1g CI=true ./gradlew assemble
        FROM mcr.microsoft.com/dotnet/sdk:8.0 AS dotnet
        RUN dotnet publish -c Release -o /out
      `,
      errors: ['2:1 compiler', '4:1 compiler', '6:1 compiler'],
    },
  ],
});
