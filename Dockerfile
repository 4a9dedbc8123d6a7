# syntax=docker/dockerfile:1
# hindsight in an image, for CI systems whose jobs run in containers. The image holds only the
# binary on Debian's slim base (which has a shell, as CI jobs need).
#
#   docker build --build-arg HINDSIGHT_COMMIT="$(git rev-parse HEAD)" -t hindsight .
#   docker run --rm -v "$PWD:/kb" -w /kb hindsight build      # in a KB's folder
#
# HINDSIGHT_COMMIT is what `hindsight --version` reports: .git is not sent to the build.

FROM rust:1-slim-bookworm AS build
WORKDIR /src
ARG HINDSIGHT_COMMIT=
ENV HINDSIGHT_COMMIT=${HINDSIGHT_COMMIT}
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin hindsight \
    && cp target/release/hindsight /usr/local/bin/hindsight

FROM debian:bookworm-slim
COPY --from=build /usr/local/bin/hindsight /usr/local/bin/hindsight
WORKDIR /kb
ENTRYPOINT ["hindsight"]
CMD ["build"]
