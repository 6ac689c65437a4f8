"""What the tests, the benchmarks and the scripts share: real documents made on the spot
(docgen), a throwaway PostgreSQL (pgserver), a local Ray cluster (raycluster), the web app in a
subprocess (server) and the `bot` command in one (run). Never imported by `bot` itself."""
