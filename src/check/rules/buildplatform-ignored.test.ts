import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { buildplatformIgnored } from './buildplatform-ignored.js';

testRule(buildplatformIgnored, {
  valid: [
    example`
      FROM --platform=linux/amd64 golang:1.22 AS build
      ARG TARGETARCH
      RUN GOARCH=$TARGETARCH go build -o /app .
      FROM alpine
      COPY --from=build /app /app
    `,
  ],
  invalid: [
    {
      name: '$BUILDPLATFORM, and ${BUILDER} from an ARG',
      code: example`
        ARG BUILDER=linux/amd64
        FROM --platform=$BUILDPLATFORM golang:1.22 AS build
        ARG TARGETARCH
        RUN GOARCH=$TARGETARCH go build -o /app .
        FROM --platform=\${BUILDER} alpine AS tools
        FROM alpine
        COPY --from=build /app /app
      `,
      errors: ['2:6 variable', '5:6 variable'],
    },
  ],
});
