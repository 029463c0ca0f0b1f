// Values the e2e globalSetup provides to browser tests through vitest's inject().
declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
  }
}

export {};
