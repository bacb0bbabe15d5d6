"use client";

// Same boundary as the locale root, but inside the dashboard shell (sidebar and header stay).
export { default } from "../error";
