# The two commands of README.md. Both run scripts/setup.sh first.
.PHONY: run test setup build
run:   ## build the app in release mode and serve it with the relay on 127.0.0.1:8080
	@scripts/run.sh
test:  ## every test: native, browser (headless Chromium), end to end
	@scripts/test.sh
setup: ## install what is missing (idempotent)
	@scripts/setup.sh
build: setup ## release build of the app (dist/) and the relay
	@scripts/build.sh
