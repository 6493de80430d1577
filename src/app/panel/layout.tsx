export { default } from "~/components/i18n/intl-provider";
