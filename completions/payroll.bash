# Bash completion for the payroll tools: hr-import, hr-validate,
# payroll-calc, payroll-export, authority-report.  Installed by make install
# under share/bash-completion/completions/ (one link per tool).
_payroll_tools()
{
	local cur prev opts
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-r|--rules)
		COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.yaml' -- "$cur"))
		return ;;
	-f|--frequency)
		COMPREPLY=($(compgen -W "weekly biweekly fourweekly semimonthly monthly quarterly semiannual annual daily" -- "$cur"))
		return ;;
	-F)
		if [ "$1" = payroll-calc ]; then
			COMPREPLY=($(compgen -W "csv tsv json" -- "$cur"))
			return
		fi ;;
	--format)
		case $1 in
		payroll-calc) COMPREPLY=($(compgen -W "csv tsv json" -- "$cur")) ;;
		payroll-export) COMPREPLY=($(compgen -W "register nacha sepa journal payslip payslip-html hr-report hr-report-html" -- "$cur")) ;;
		esac
		return ;;
	--form)
		COMPREPLY=($(compgen -W "us-941 us-w2-efw2 us-il-sui us-sui-efw2 us-state-wh uk-fps" -- "$cur"))
		return ;;
	-p|--period|-d|--pay-date|-e|--explain|--quarter|--year)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		opts=$("$1" --help 2>/dev/null | grep -o -- '--\?-[a-zA-Z][a-z-]*' | sort -u)
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -F _payroll_tools -o filenames hr-import hr-validate payroll-calc payroll-export authority-report
